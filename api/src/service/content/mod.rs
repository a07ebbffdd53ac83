//! The content records (practices, guidance tools, peer exchanges, calls for practices, collections): reading them
//! (`query`: filters, ordering, visibility, lookups; `export`: whole result sets in batches), writing what they share
//! (`editing`, with their tags in `tags`; `import` for records with a history, such as the demo corpus), moving them
//! along the workflow (`workflow`, a practice's submission checked by `checklist` and by its call's deadline, its
//! reviews and their rubric in `review`), and each type's own fields, declared once in the grammar of `own`
//! (`practice`, `guidance_tool`, `peer_exchange`, `call_for_practices` with the phase derived from its dates,
//! `collection` with its items, `review_submission` with its reports on objectives).

pub mod call_for_practices;
pub mod checklist;
pub mod collection;
pub mod editing;
pub mod export;
pub mod guidance_tool;
pub mod import;
pub mod own;
pub mod peer_exchange;
pub mod practice;
pub mod query;
pub mod review;
pub mod review_submission;
pub mod tags;
pub mod workflow;
