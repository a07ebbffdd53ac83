//! `content_objectives`: Which GCM objectives a content record serves.

link_table!("content_objectives", content_id: i64, objective_number: i32);
