//! Hash routes (`#/people/p1`), so the app works from any static host and deep
//! links and the back button work without a server.

use crate::model::PersonId;

/// A screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// The home screen.
    Today,
    /// Everyone.
    People,
    /// One person's page.
    Person(PersonId),
    /// Every entry and milestone, newest first.
    Journal,
    /// Charts of the network's health.
    Insights,
    /// Settings.
    Settings,
    /// Export, import and other tools.
    Backups,
    /// An address that names no screen.
    NotFound(String),
}

impl Route {
    /// Parses `location.hash` (with or without the leading `#`).
    pub fn parse(hash: &str) -> Self {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let path = path
            .split(['?', '#'])
            .next()
            .unwrap_or_default()
            .trim_end_matches('/');
        let mut parts = path.split('/');
        match (parts.next().unwrap_or_default(), parts.next(), parts.next()) {
            ("", None, _) | ("today", None, _) => Route::Today,
            ("people", None, _) => Route::People,
            ("people", Some(id), None) => match id.parse() {
                Ok(id) => Route::Person(id),
                Err(_) => Route::NotFound(hash.to_owned()),
            },
            ("journal", None, _) => Route::Journal,
            ("insights", None, _) => Route::Insights,
            ("settings", None, _) => Route::Settings,
            ("backups", None, _) => Route::Backups,
            _ => Route::NotFound(hash.to_owned()),
        }
    }

    /// The `href` of this route.
    pub fn href(&self) -> String {
        match self {
            Route::Today => "#/".to_owned(),
            Route::People => "#/people".to_owned(),
            Route::Person(id) => format!("#/people/{id}"),
            Route::Journal => "#/journal".to_owned(),
            Route::Insights => "#/insights".to_owned(),
            Route::Settings => "#/settings".to_owned(),
            Route::Backups => "#/backups".to_owned(),
            Route::NotFound(hash) => hash.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_round_trip_through_their_hrefs() {
        let person = Route::Person("p7k2m9x1q3".parse().unwrap_or_else(|_| PersonId::new(1)));
        for route in [
            Route::Today,
            Route::People,
            person,
            Route::Journal,
            Route::Insights,
            Route::Settings,
            Route::Backups,
        ] {
            assert_eq!(Route::parse(&route.href()), route);
        }
    }

    #[test]
    fn odd_hashes_are_tolerated_or_reported() {
        assert_eq!(Route::parse(""), Route::Today);
        assert_eq!(Route::parse("#/people/"), Route::People);
        assert_eq!(Route::parse("#/people?q=ada"), Route::People);
        assert_eq!(
            Route::parse("#/people/<img>"),
            Route::NotFound("#/people/<img>".to_owned())
        );
        assert_eq!(
            Route::parse("#/nowhere"),
            Route::NotFound("#/nowhere".to_owned())
        );
    }
}
