//! `content_principles`: Which guiding principles a content record applies.

link_table!("content_principles", content_id: i64, principle_key: String);
