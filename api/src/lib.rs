//! The Migration Network Hub API: GraphQL (async-graphql) over actix-web and sea-orm.
//!
//! Layers, top to bottom: [`http`] (routes, GraphQL-over-HTTP rules) → [`graphql`] (thin resolvers, output types,
//! DataLoaders) → [`service`] (rules: visibility, filters, pagination) → `hub_entity` (persistence).
//! [`search`] is discovery: the engine trait, the embedded and Meilisearch engines, the outbox relay and reindexing.
//! [`startup`] builds the one app state shared by the server and the tests; [`seed`] loads demo and synthetic data.

pub mod auth;
pub mod cli;
pub mod config;
pub mod error;
pub mod graphql;
pub mod http;
pub mod search;
pub mod seed;
pub mod service;
pub mod startup;
