//! Background work above the services: the search relay that applies the outbox to the engine, rebuilding the
//! index, and the webhook worker that delivers the change feed to partners' endpoints. They report progress
//! through [`crate::progress::Progress`]; the command line draws it.

pub mod reindex;
pub mod relay;
pub mod webhooks;
