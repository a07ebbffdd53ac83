//! The Migration Network Hub API: GraphQL (async-graphql) over actix-web and sea-orm.
//!
//! Layers, top to bottom; a module imports only from layers below it (`tests/tests/api/layers.rs` checks this):
//!
//! - [`cli`]: the command line (the `hub` binary draws progress bars and prints tokens and the SDL);
//! - [`http`]: the app state built once for the server and the tests, the routes, GraphQL-over-HTTP rules, probes;
//! - [`graphql`]: the schema: thin resolvers per domain, output types, inputs, DataLoaders, role guards;
//! - [`jobs`] and [`seed`]: background work above the services (the search relay, reindexing) and data loading;
//! - [`service`]: the rules: visibility, filters, pagination, writes, workflow, audit, the search outbox;
//! - [`index`]: the search engine trait, its engines (embedded tantivy, Meilisearch) and the indexed documents;
//! - [`auth`], [`db`] and [`i18n`]: verifying bearer tokens into a caller; connecting, migrating, write transactions;
//!   the hub's words in every language (Fluent messages, numbers and dates per locale);
//! - [`domain`], [`config`], [`error`], [`progress`], [`telemetry`]: the shared vocabulary (record names, the
//!   content filter, the caller, the clock), the one configuration, the one error enum with its codes, progress
//!   reporting, logs and traces;
//!
//! and below them all the `hub_entity` crate (persistence only).

pub mod auth;
pub mod cli;
pub mod config;
pub mod db;
pub mod domain;
pub mod error;
pub mod graphql;
pub mod http;
pub mod i18n;
pub mod index;
pub mod jobs;
pub mod progress;
pub mod seed;
pub mod service;
pub mod telemetry;
