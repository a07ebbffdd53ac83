//! `exchange_cohost_countries`: Countries co-hosting a peer exchange.

link_table!("exchange_cohost_countries", exchange_id: i64, country_iso3: String);
