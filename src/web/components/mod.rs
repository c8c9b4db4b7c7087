//! Components: each takes core values as props and lays them out.

pub mod chart_card;
pub mod controls;
pub mod data_table;
pub mod file_error;

pub use chart_card::ChartCard;
pub use controls::{Controls, SiteRef};
pub use data_table::DataTable;
pub use file_error::FileError;
