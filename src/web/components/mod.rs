//! Components: each takes core values as props and lays them out.

pub mod chart_figure;
pub mod data_table;
pub mod file_error;

pub use chart_figure::ChartFigure;
pub use data_table::DataTable;
pub use file_error::FileError;
