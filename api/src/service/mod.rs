//! Business rules: who may read what, filters, ordering, pagination, batch reads, writes, the workflow, the audit
//! trail, the search outbox, the partners' change feed and the webhook delivery queue. Below: `index` (the search
//! engines) and `domain` (the shared vocabulary).

pub mod acronyms;
pub mod audit;
pub mod changes;
pub mod content;
pub mod countries;
pub mod epoch;
pub mod fixed_lists;
pub mod gate;
pub mod labels;
pub mod notifications;
pub mod organization;
pub mod outbox;
pub mod page;
pub mod peers;
pub mod priorities;
pub mod reference;
pub mod regional_reviews;
pub mod relations;
pub mod search;
pub mod themes;
pub mod validate;
pub mod versioned;
pub mod webhooks;
