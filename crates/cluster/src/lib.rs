//! Groups articles into stories.
