//! Which `searchOrder` page to ask for next. MakeShop pages by `page` and
//! `limit` (page N holds rows (N-1)·limit …), but a page may come back with
//! fewer rows than asked (a cap of about 200 was seen in production): a
//! short page is never the end. Reading stops once `searchedCount` distinct
//! orders have come; after a short page the reader goes on with the page
//! size the server gave, from a page that starts at or before the first row
//! not yet read (rows read twice are dropped), so nothing is skipped.

use std::collections::HashSet;

pub struct Pages {
    page: usize,
    limit: usize,
    seen: HashSet<String>,
    requests: usize,
    done: bool,
}

impl Pages {
    pub fn new(limit: usize) -> Pages {
        Pages {
            page: 1,
            limit: limit.max(1),
            seen: HashSet::new(),
            requests: 0,
            done: false,
        }
    }

    /// The (page, limit) to ask for, or `None` when everything has come.
    pub fn next_request(&mut self) -> Option<(usize, usize)> {
        if self.done {
            return None;
        }
        self.requests += 1;
        Some((self.page, self.limit))
    }

    /// A page landed with these order numbers, out of `total` in the window:
    /// which rows are new, and what to ask next.
    pub fn landed(&mut self, ids: &[String], total: usize) -> Vec<bool> {
        let fresh: Vec<bool> = ids.iter().map(|id| self.seen.insert(id.clone())).collect();
        // An empty page ends the read (the window emptied meanwhile), and so
        // does a runaway: more requests than orders could ever need.
        if self.seen.len() >= total || ids.is_empty() || self.requests > total + 2 {
            self.done = true;
        } else if ids.len() < self.limit {
            let read_to = (self.page - 1) * self.limit + ids.len();
            self.limit = ids.len();
            self.page = read_to / self.limit + 1;
        } else {
            self.page += 1;
        }
        fresh
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A server holding `total` orders that caps its pages at `cap` rows.
    fn read_all(total: usize, cap: usize, limit: usize) -> (Vec<String>, usize) {
        let all: Vec<String> = (0..total).map(|i| format!("P{i:018}")).collect();
        let mut pages = Pages::new(limit);
        let mut got = Vec::new();
        let mut calls = 0;
        while let Some((page, limit)) = pages.next_request() {
            calls += 1;
            let start = (page - 1) * limit;
            let rows: Vec<String> = all
                .iter()
                .skip(start)
                .take(limit.min(cap))
                .cloned()
                .collect();
            for (id, new) in rows.iter().zip(pages.landed(&rows, total)) {
                if new {
                    got.push(id.clone());
                }
            }
        }
        (got, calls)
    }

    #[test]
    fn a_short_page_is_not_the_end() {
        let (got, calls) = read_all(450, 200, 1000);
        assert_eq!(got.len(), 450, "nothing skipped");
        assert_eq!(calls, 3, "200 + 200 + 50");
        let (got, _) = read_all(450, 70, 100);
        assert_eq!(got.len(), 450);
        let mut sorted = got.clone();
        sorted.dedup();
        assert_eq!(sorted.len(), got.len(), "each order once");
    }

    #[test]
    fn full_pages_end_on_the_count() {
        assert_eq!(
            read_all(200, 200, 100),
            ((0..200).map(|i| format!("P{i:018}")).collect(), 2)
        );
        assert_eq!(read_all(0, 200, 100).1, 1, "one call finds nothing");
    }
}
