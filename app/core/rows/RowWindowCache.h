#pragma once

#include "rows/BrowsePage.h"
#include "rows/PageRequest.h"

#include <deque>
#include <optional>

// The rows a grid holds: a contiguous window of a relation's keyset order, made of pages. It
// grows a page at either end as the view nears it, and the end the view moved away from is shed
// whole pages at a time, so memory stays bounded by the window however far one scrolls.
// Rows asked for and not yet arrived are placeholders. Every restart (first, last, jump to a
// key, new sort or filter) begins a new generation: replies to older requests are dropped, as
// are replies for pages that were shed while in flight (DB4S RowCache's rule).
//
// A plain data structure with two-phase updates, so that a Qt model can announce each change
// before it happens (beginInsertRows... then the matching call here).
class RowWindowCache {
public:
    // Where the placeholder of an accepted reply starts and how many rows it holds.
    struct Placement {
        int firstRow = 0;
        int placeholderRows = 0;
        bool backward = false;
    };

    quint64 generation() const { return m_generation; }
    int rowCount() const { return m_rows; }
    bool atStart() const { return m_atStart; }
    bool atEnd() const { return m_atEnd; }
    bool isLoading() const;

    // A new window with one placeholder page of limit rows, dropping everything held.
    PageRequest restart(PageRequest::From from, int limit, const QString& seekValue = {});
    void clear();

    // Whether a page can be added after the last row (before the first): the window has rows
    // there, does not end there, and no page is on its way to that end.
    bool canExtendForward() const;
    bool canExtendBackward() const;
    // Adds a placeholder page at that end; its rows come later through fill().
    PageRequest extendForward(int limit);
    PageRequest extendBackward(int limit);

    // Where request's reply goes, or nullopt when the reply is stale and must be dropped.
    std::optional<Placement> placementOf(const PageRequest& request) const;
    // A reply of pageRows < the placeholder's rows: the placeholder shrinks to pageRows (forward
    // pages keep its first rows, backward ones its last; a page of none removes it), and unless
    // the page was cut short by its byte budget the relation ends there. Announce the removal
    // first, then fill() the rest.
    void shrinkPlaceholder(const PageRequest& request, int pageRows, bool cutShort);
    // Puts an accepted reply of exactly the placeholder's rows in place.
    void fill(const PageRequest& request, BrowsePage page);
    // Removes the placeholder of a request that failed.
    void drop(const PageRequest& request);

    // Rows that shedding whole pages from the front (back) would remove to keep at most maxRows.
    int sheddableFront(int maxRows) const;
    int sheddableBack(int maxRows) const;
    void shedFront(int rows);
    void shedBack(int rows);

    // The loaded page holding row, and the row's index in it; nullptr for a placeholder row.
    const BrowsePage* pageAt(int row, int* rowInPage) const;
    qsizetype memoryBytes() const;

private:
    struct Block {
        BrowsePage page;
        int pendingRows = 0; // > 0: a placeholder for a request in flight
        quint64 requestId = 0;
        bool backward = false;
        int rows() const { return pendingRows > 0 ? pendingRows : page.rowCount(); }
    };

    PageRequest request(PageRequest::From from, int limit);
    std::deque<Block>::const_iterator blockOf(quint64 requestId) const;

    std::deque<Block> m_blocks;
    int m_rows = 0;
    bool m_atStart = false;
    bool m_atEnd = false;
    quint64 m_generation = 0;
    quint64 m_nextId = 0;
};
