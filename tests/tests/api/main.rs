//! The integration tests, one binary (linked once): the app built in-process by the production builder, the real
//! migrations on a fresh database per test (SQLite, or PostgreSQL with `TEST_DATABASE_URL`), the real HTTP stack,
//! and the real search engines where available. One module per concern.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod abuse;
mod auth;
mod authorization;
mod browser;
mod caching;
mod calls;
mod chain;
mod changes;
mod collections;
mod configuration;
mod copy;
mod coverage;
mod editing;
mod epoch_notify;
mod freshness;
mod fuzz_strings;
mod http_rules;
mod idle;
mod input_rules;
mod labels;
mod languages;
mod layers;
mod migrations;
mod n_plus_one;
mod notifications;
mod oidc;
mod pages;
mod read_api;
mod relevance;
mod schema_contract;
mod search;
mod search_sync;
mod seed;
mod shared_budgets;
mod smoke;
mod traces;
mod visibility;
mod webhook_addresses;
mod webhooks;
mod workflow;
