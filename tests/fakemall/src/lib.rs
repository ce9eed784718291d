//! Faithful fake mall servers (see issue 4).
