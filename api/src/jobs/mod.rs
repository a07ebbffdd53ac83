//! Background work above the services: the search relay that applies the outbox to the engine, and rebuilding the
//! index. They report progress through [`crate::progress::Progress`]; the command line draws it.

pub mod reindex;
pub mod relay;
