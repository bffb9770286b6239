#pragma once

#include "rows/FilterCondition.h"

#include <QList>

// Which rows of a relation are browsed and in which order: the filter conditions (all must
// hold) and an optional sort column; ties, and no sort column, fall back to the paging key.
struct BrowseQuery {
    QList<FilterCondition> filters;
    int sortColumn = -1; // -1: key order
    bool descending = false;
};
