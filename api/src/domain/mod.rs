//! The hub's vocabulary, shared by every layer and depending on nothing but the entities: the names of each record
//! type ([`kind`]), the languages it speaks ([`language`]), the one content filter ([`filter`]), who is calling ([`viewer`]), what input text may hold
//! ([`text`]), and which network addresses and URL hosts the hub links to or connects to ([`address`]).

pub mod address;
pub mod clock;
pub mod filter;
pub mod kind;
pub mod language;
pub mod names;
pub mod text;
pub mod viewer;
