//! The Vietnamese number grammar.
