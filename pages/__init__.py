"""The catalogue: its page types (each declared once, ``registry``), what visitors may see of them
(``relations``: visibility, links between pages), sections, the home page, the terms' public pages,
the recent changes, field comparisons, navigation, the sitemap. Imports no feature: the features
register their parts (sections' listing, community context and card counts, change sources, the
page permission tester) and templates reach them through tags."""
