//! `content_countries`: Which countries a content record concerns.

link_table!("content_countries", content_id: i64, country_iso3: String);
