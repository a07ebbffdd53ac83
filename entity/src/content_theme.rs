//! `content_themes`: Which themes a content record is tagged with.

link_table!("content_themes", content_id: i64, theme_key: String);
