//! The part of a paged fetch every mall shares: what a page has read goes to
//! the sync pipeline as soon as the page ends, also when it ends on an error
//! (so a fetch stopped by a rate limit keeps what it read), and an order
//! seen twice because pages shifted under the reader is handed over once.

use std::collections::HashSet;

use super::{FetchedPage, MallError};
use crate::domain::IncomingOrder;

pub struct Pager<'a> {
    sink: &'a mut (dyn FnMut(FetchedPage) + Send),
    seen: HashSet<String>,
    page: FetchedPage,
}

impl<'a> Pager<'a> {
    pub fn new(sink: &'a mut (dyn FnMut(FetchedPage) + Send)) -> Pager<'a> {
        Pager {
            sink,
            seen: HashSet::new(),
            page: FetchedPage::default(),
        }
    }

    /// Whether the order `id` comes up for the first time in this fetch
    /// (newest first with offsets, an order placed meanwhile shifts pages).
    pub fn first_time(&mut self, id: &str) -> bool {
        self.seen.insert(id.to_string())
    }

    /// The order is unchanged since the store last had it.
    pub fn unchanged(&mut self, id: String) {
        self.page.unchanged.push(id);
    }

    pub fn order(&mut self, order: IncomingOrder) {
        self.page.orders.push(order);
    }

    /// Hands over what the page read.
    pub fn end_page(&mut self) {
        let page = std::mem::take(&mut self.page);
        if !page.orders.is_empty() || !page.unchanged.is_empty() {
            (self.sink)(page);
        }
    }

    /// Ends the fetch on `e`, keeping what the page read so far.
    pub fn fail<T>(&mut self, e: MallError) -> Result<T, MallError> {
        self.end_page();
        Err(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failing_page_keeps_what_it_read_and_duplicates_go_once() {
        let mut pages = Vec::new();
        let mut sink = |p: FetchedPage| pages.push(p);
        let mut pager = Pager::new(&mut sink);
        assert!(pager.first_time("A"));
        pager.unchanged("A".into());
        pager.end_page();
        pager.end_page();
        assert!(!pager.first_time("A"), "shifted into the next page");
        assert!(pager.first_time("B"));
        pager.unchanged("B".into());
        let r: Result<(), _> = pager.fail(MallError::Timeout { mall: "BASE" });
        assert!(r.is_err());
        assert_eq!(pages.len(), 2, "empty pages are not handed over");
        assert_eq!(pages[1].unchanged, vec!["B".to_string()]);
    }
}
