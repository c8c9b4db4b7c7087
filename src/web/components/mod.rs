//! Components: each takes core values as props and lays them out.

pub mod chart_card;
pub mod compare_latest;
pub mod controls;
pub mod data_table;
pub mod embed_code;
pub mod file_error;
pub mod load_progress;

pub use chart_card::ChartCard;
pub use compare_latest::CompareLatest;
pub use controls::{Controls, ControlsModel, SiteRef};
pub use data_table::DataTable;
pub use embed_code::EmbedCode;
pub use file_error::FileError;
pub use load_progress::LoadProgress;
