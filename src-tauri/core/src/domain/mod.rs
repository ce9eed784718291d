//! Domain types: what an order, a status, a mall and a carrier are.

mod carrier;
mod delivery;
mod error;
mod mall;
mod order;
mod shop;
mod status;
pub mod web;

pub use carrier::{Carrier, CheckDigit};
pub use delivery::{read_date, DeliveryWish};
pub use error::DomainError;
pub use mall::Mall;
pub use order::*;
pub use shop::*;
pub use status::Status;
