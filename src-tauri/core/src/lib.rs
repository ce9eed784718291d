//! juchu-core
