//! The hub's vocabulary, shared by every layer and depending on nothing but the entities: the names of each record
//! type ([`kind`]), the one content filter ([`filter`]), and who is calling ([`viewer`]), what input text may hold ([`text`]).

pub mod filter;
pub mod kind;
pub mod text;
pub mod viewer;
