-- One page of a tenant's relation. KeysetPager fills the braces with quoted identifiers,
-- fixed operators and $n parameters only: {columns} the select list, {relation} the quoted
-- schema.table, {where} the filter and keyset conditions, {order} the ordering terms,
-- {limit} and {offset} parameters (the offset is 0 except for views, which have no key).
SELECT {columns}
FROM {relation}
WHERE {where}
ORDER BY {order}
LIMIT {limit} OFFSET {offset}
