//! Service levels: when a post must have its first response.
//!
//! A [`Policy`] gives a first-response target per [`Tier`](crate::triage::Tier),
//! optionally counted only in [`BusinessHours`]. A post's clock starts at the
//! post's own time when the page shows one, else when the post was first
//! seen; a post time in the future (a wrong clock somewhere) starts the clock
//! when seen instead ([`start_time`]). Time is always passed in, as
//! milliseconds since the Unix epoch: nothing here reads a clock.

mod clock;
mod json;
mod policy;

pub use clock::{Clock, Status};
pub use json::JsonError;
pub use policy::{BusinessHours, Policy, PolicyError, Weekday, start_time};
