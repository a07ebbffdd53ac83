//! Data loaders for `hub seed`: the realistic demo corpus and synthetic practices for benchmarks.

pub mod demo;
pub mod synthetic;
