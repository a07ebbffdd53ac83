//! `exchange_related`: Practices and guidance tools related to a peer exchange (for example its report).

link_table!("exchange_related", exchange_id: i64, content_id: i64);
