//! Background work above the services: the search relay that applies the outbox to the engine, rebuilding the
//! index, the webhook worker that delivers the change feed to partners' endpoints, the mail worker that sends
//! notifications, and the calls' clock that announces closed calls for practices. They report progress
//! through [`crate::progress::Progress`]; the command line draws it.

pub mod calls;
pub mod mail;
pub mod reindex;
pub mod relay;
pub mod webhooks;
