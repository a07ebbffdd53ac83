//! `content_regions`: Which regions a content record concerns.

link_table!("content_regions", content_id: i64, region_key: String);
