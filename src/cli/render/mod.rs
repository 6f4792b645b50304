//! Renderers for `copydesk check`: each format in its own module.

pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod sarif;
