//! Business rules: who may read what, filters, ordering, pagination, batch reads.

pub mod audit;
pub mod content;
pub mod organization;
pub mod page;
pub mod practices;
pub mod reference;
pub mod relations;
pub mod tags;
pub mod viewer;
pub mod workflow;
