//! Practices, guidance tools, peer exchanges and calls for practices: reading them (`query`: filters, ordering, visibility, lookups;
//! `export`: whole result sets in batches),
//! writing what they share (`editing`, with their tags in `tags`; `import` for records with a history, such as
//! the demo corpus), moving them along the workflow (`workflow`, a practice's submission checked by `checklist`, its
//! reviews and their rubric in `review`), and
//! each type's own fields (`practice`, `guidance_tool`, `peer_exchange`, `call_for_practices` with its phase, each declared once in the grammar of `own`).

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
pub mod tags;
pub mod workflow;
