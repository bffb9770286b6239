#include "rows/RowWindowCache.h"

PageRequest RowWindowCache::request(PageRequest::From from, int limit)
{
    PageRequest r;
    r.from = from;
    r.limit = limit;
    r.generation = m_generation;
    r.id = ++m_nextId;
    return r;
}

void RowWindowCache::clear()
{
    ++m_generation;
    m_blocks.clear();
    m_rows = 0;
    m_atStart = m_atEnd = false;
}

PageRequest RowWindowCache::restart(PageRequest::From from, int limit, const QString& seekValue)
{
    clear();
    PageRequest r = request(from, limit);
    r.seekValue = seekValue;
    m_atStart = from == PageRequest::From::Start;
    m_atEnd = from == PageRequest::From::End;
    m_blocks.push_back(Block{{}, limit, r.id, r.backward()});
    m_rows = limit;
    return r;
}

bool RowWindowCache::isLoading() const
{
    for (const Block& b : m_blocks) {
        if (b.pendingRows > 0)
            return true;
    }
    return false;
}

bool RowWindowCache::canExtendForward() const
{
    return !m_atEnd && !m_blocks.empty() && m_blocks.back().pendingRows == 0 && !m_blocks.back().page.isEmpty();
}

bool RowWindowCache::canExtendBackward() const
{
    return !m_atStart && !m_blocks.empty() && m_blocks.front().pendingRows == 0 && !m_blocks.front().page.isEmpty();
}

PageRequest RowWindowCache::extendForward(int limit)
{
    PageRequest r = request(PageRequest::From::After, limit);
    r.anchor = m_blocks.back().page.lastKey();
    m_blocks.push_back(Block{{}, limit, r.id, false});
    m_rows += limit;
    return r;
}

PageRequest RowWindowCache::extendBackward(int limit)
{
    PageRequest r = request(PageRequest::From::Before, limit);
    r.anchor = m_blocks.front().page.firstKey();
    m_blocks.push_front(Block{{}, limit, r.id, true});
    m_rows += limit;
    return r;
}

std::deque<RowWindowCache::Block>::const_iterator RowWindowCache::blockOf(quint64 requestId) const
{
    return std::find_if(m_blocks.begin(), m_blocks.end(),
                        [&](const Block& b) { return b.pendingRows > 0 && b.requestId == requestId; });
}

std::optional<RowWindowCache::Placement> RowWindowCache::placementOf(const PageRequest& request) const
{
    if (request.generation != m_generation)
        return std::nullopt;
    int first = 0;
    for (const Block& b : m_blocks) {
        if (b.pendingRows > 0 && b.requestId == request.id)
            return Placement{first, b.pendingRows, b.backward};
        first += b.rows();
    }
    return std::nullopt; // shed while in flight
}

void RowWindowCache::shrinkPlaceholder(const PageRequest& request, int pageRows, bool cutShort)
{
    const auto found = blockOf(request.id);
    Q_ASSERT(found != m_blocks.end() && pageRows < found->pendingRows);
    auto it = m_blocks.begin() + (found - m_blocks.cbegin());
    if (!cutShort) {
        if (it->backward)
            m_atStart = true;
        else
            m_atEnd = true;
    }
    m_rows -= it->pendingRows - pageRows;
    if (pageRows > 0)
        it->pendingRows = pageRows;
    else if (m_blocks.size() > 1)
        m_blocks.erase(it);
    else
        it->pendingRows = 0; // the relation (or what the filter keeps) has no rows
}

void RowWindowCache::fill(const PageRequest& request, BrowsePage page)
{
    const auto found = blockOf(request.id);
    Q_ASSERT(found != m_blocks.end() && found->pendingRows == page.rowCount());
    auto it = m_blocks.begin() + (found - m_blocks.cbegin());
    it->page = std::move(page);
    it->pendingRows = 0;
}

void RowWindowCache::drop(const PageRequest& request)
{
    const auto found = blockOf(request.id);
    if (found == m_blocks.end())
        return;
    m_rows -= found->pendingRows;
    m_blocks.erase(found);
}

int RowWindowCache::sheddableFront(int maxRows) const
{
    int rows = m_rows;
    int shed = 0;
    for (auto it = m_blocks.begin(); it != m_blocks.end() && rows > maxRows && it + 1 != m_blocks.end(); ++it) {
        rows -= it->rows();
        shed += it->rows();
    }
    return shed;
}

int RowWindowCache::sheddableBack(int maxRows) const
{
    int rows = m_rows;
    int shed = 0;
    for (auto it = m_blocks.rbegin(); it != m_blocks.rend() && rows > maxRows && it + 1 != m_blocks.rend(); ++it) {
        rows -= it->rows();
        shed += it->rows();
    }
    return shed;
}

void RowWindowCache::shedFront(int rows)
{
    while (rows > 0 && !m_blocks.empty()) {
        rows -= m_blocks.front().rows();
        m_rows -= m_blocks.front().rows();
        m_blocks.pop_front();
        m_atStart = false;
    }
}

void RowWindowCache::shedBack(int rows)
{
    while (rows > 0 && !m_blocks.empty()) {
        rows -= m_blocks.back().rows();
        m_rows -= m_blocks.back().rows();
        m_blocks.pop_back();
        m_atEnd = false;
    }
}

const BrowsePage* RowWindowCache::pageAt(int row, int* rowInPage) const
{
    for (const Block& b : m_blocks) {
        if (row < b.rows()) {
            *rowInPage = row;
            return b.pendingRows > 0 ? nullptr : &b.page;
        }
        row -= b.rows();
    }
    return nullptr;
}

qsizetype RowWindowCache::memoryBytes() const
{
    qsizetype bytes = 0;
    for (const Block& b : m_blocks)
        bytes += b.page.memoryBytes();
    return bytes;
}
