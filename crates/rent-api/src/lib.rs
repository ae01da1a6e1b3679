//! The SMSPVA rent.php protocol, shared by the rentdesk app and its sandbox server:
//! request and answer types, decoding that survives every variant the live API sends,
//! the restore error codes, and the rent page's pure rules. No I/O.

pub mod auto_prolong;
pub mod batch;
mod catalogue;
pub mod decode;
pub mod desk;
pub mod export;
mod flex;
pub mod inbox;
mod money;
mod number;
pub mod order;
mod period;
mod request;
mod restore;
pub mod rules;
mod types;
pub mod window;

pub use catalogue::*;
pub use decode::{ApiError, Inbox, ServiceCounts};
pub use money::{Money, MoneyParseError};
pub use period::{NumberType, Period, PeriodUnit, MAX_PERIOD_COUNT};
pub use request::{Request, RequestError, MAX_MULTI_SERVICES, MAX_TAKE};
pub use restore::RestoreErrorCode;
pub use types::*;
