"""Arguments, votes, reports and declared uses (endorsements) on the pages whose type takes them
(``participation``: declared on the page model). Registers with the catalogue its part of a page's
context, the counts on cards and the declared uses in the recent changes. A feature over the
catalogue and moderation."""
