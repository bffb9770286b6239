#include "catalog/TenantTable.h"

#include <algorithm>
#include <cstring>
#include <functional>
#include <string_view>

namespace {

constexpr char FieldSeparator = '\1';
constexpr char RowSeparator = '\n';

// Room for n more bytes at the end of out, to be written in place. On a reserved array this is
// far cheaper than QByteArray::append(), which goes through insert() for every piece.
char* grow(QByteArray& out, qsizetype n)
{
    const qsizetype at = out.size();
    out.resize(at + n);
    return out.data() + at;
}

void appendLower(QByteArray& out, QByteArrayView text)
{
    // ASCII, by far the common case, lower-cased in the same pass that checks for it.
    const qsizetype at = out.size();
    char* lower = grow(out, text.size());
    char highBits = 0;
    for (char c : text) {
        highBits |= c;
        *lower++ = (c >= 'A' && c <= 'Z') ? char(c + 32) : c;
    }
    if (highBits & 0x80) {
        out.truncate(at);
        out.append(QString::fromUtf8(text).toLower().toUtf8());
    }
}

// "yyyy-MM-dd HH:mm" in UTC, without QDateTime, printf or a heap allocation: this runs 100,000
// times per catalog load.
struct UtcMinute {
    char text[32];
    int length;
    QByteArrayView view() const { return QByteArrayView(text, length); }
};

UtcMinute formatUtcMinute(qint64 secs)
{
    qint64 days = secs / 86400;
    qint64 rem = secs % 86400;
    if (rem < 0) {
        rem += 86400;
        --days;
    }
    // Civil date from days since 1970-01-01 (proleptic Gregorian), by era of 400 years.
    const qint64 z = days + 719468;
    const qint64 era = (z >= 0 ? z : z - 146096) / 146097;
    const qint64 doe = z - era * 146097;
    const qint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const qint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const qint64 mp = (5 * doy + 2) / 153;
    const int day = int(doy - (153 * mp + 2) / 5 + 1);
    const int month = int(mp < 10 ? mp + 3 : mp - 9);
    const int year = int(yoe + era * 400 + (month <= 2));
    const int hour = int(rem / 3600);
    const int minute = int(rem % 3600 / 60);
    UtcMinute out;
    if (year < 0 || year > 9999) {
        out.length = std::snprintf(out.text, sizeof out.text, "%04d-%02d-%02d %02d:%02d", year, month, day, hour,
                                   minute);
        return out;
    }
    auto put = [&out](int at, int value, int digits) {
        for (int i = digits - 1; i >= 0; --i, value /= 10)
            out.text[at + i] = char('0' + value % 10);
    };
    put(0, year, 4);
    out.text[4] = '-';
    put(5, month, 2);
    out.text[7] = '-';
    put(8, day, 2);
    out.text[10] = ' ';
    put(11, hour, 2);
    out.text[13] = ':';
    put(14, minute, 2);
    out.length = 16;
    return out;
}

QByteArray normalisedNeedle(const QString& needle)
{
    QByteArray lowered;
    appendLower(lowered, needle.toUtf8());
    lowered.removeIf([](char c) { return c == FieldSeparator || c == RowSeparator; });
    return lowered;
}

bool contains(QByteArrayView haystack, const QByteArray& needle)
{
    return haystack.indexOf(needle) >= 0;
}

} // namespace

void TenantTable::reserve(int rows, qsizetype textBytes)
{
    m_rows.reserve(size_t(rows));
    m_text.reserve(textBytes);
    m_search.reserve(textBytes + qsizetype(rows) * 20);
}

void TenantTable::addShard(int id, const QString& name)
{
    m_shards.append({id, name});
}

void TenantTable::append(qint64 id, QByteArrayView slug, QByteArrayView name, IsolationModel model, int shardId,
                         TenantState state, qint64 createdSecsSinceEpoch)
{
    quint16 slot = 0;
    while (slot < m_shards.size() && m_shards.at(slot).id != shardId)
        ++slot;
    if (slot == m_shards.size())
        addShard(shardId, QStringLiteral("shard %1").arg(shardId));

    Row row{};
    row.id = id;
    row.created = createdSecsSinceEpoch;
    row.textOffset = quint32(m_text.size());
    row.searchOffset = quint32(m_search.size());
    row.slugLength = quint8(std::min<qsizetype>(slug.size(), 255));
    row.nameLength = quint16(std::min<qsizetype>(name.size(), 65535));
    row.model = quint8(model);
    row.state = quint8(state);
    row.shardSlot = slot;
    char* text = grow(m_text, row.slugLength + row.nameLength);
    std::memcpy(text, slug.data(), row.slugLength);
    std::memcpy(text + row.slugLength, name.data(), row.nameLength);
    appendLower(m_search, slug);
    *grow(m_search, 1) = FieldSeparator;
    appendLower(m_search, name);
    const UtcMinute created = formatUtcMinute(createdSecsSinceEpoch);
    char* tail = grow(m_search, created.length + 2);
    tail[0] = FieldSeparator;
    std::memcpy(tail + 1, created.text, size_t(created.length));
    tail[created.length + 1] = RowSeparator;
    m_rows.push_back(row);
}

void TenantTable::appendRows(const TenantTable& other)
{
    const quint32 textShift = quint32(m_text.size());
    const quint32 searchShift = quint32(m_search.size());
    m_rows.reserve(m_rows.size() + other.m_rows.size());
    for (Row row : other.m_rows) {
        row.textOffset += textShift;
        row.searchOffset += searchShift;
        m_rows.push_back(row);
    }
    m_text.append(other.m_text);
    m_search.append(other.m_search);
    if (m_shards.isEmpty())
        m_shards = other.m_shards;
}

QByteArrayView TenantTable::slugUtf8(int row) const
{
    const Row& r = m_rows[size_t(row)];
    return QByteArrayView(m_text.constData() + r.textOffset, r.slugLength);
}

QByteArrayView TenantTable::nameUtf8(int row) const
{
    const Row& r = m_rows[size_t(row)];
    return QByteArrayView(m_text.constData() + r.textOffset + r.slugLength, r.nameLength);
}

QByteArrayView TenantTable::searchText(int row) const
{
    const quint32 begin = m_rows[size_t(row)].searchOffset;
    const quint32 end = size_t(row) + 1 < m_rows.size() ? m_rows[size_t(row) + 1].searchOffset
                                                        : quint32(m_search.size());
    return QByteArrayView(m_search.constData() + begin, end - begin);
}

QString TenantTable::slug(int row) const
{
    return QString::fromUtf8(slugUtf8(row));
}

QString TenantTable::name(int row) const
{
    return QString::fromUtf8(nameUtf8(row));
}

QString TenantTable::text(int row, Column column) const
{
    switch (column) {
    case Slug:
        return slug(row);
    case Name:
        return name(row);
    case Model:
        return toString(model(row));
    case Shard:
        return shardName(row);
    case State:
        return toString(state(row));
    case Created:
        return QString::fromLatin1(formatUtcMinute(createdSecs(row)).view());
    case ColumnCount:
        break;
    }
    return {};
}

QString TenantTable::columnTitle(Column column)
{
    static const char* const titles[] = {"Slug", "Name", "Model", "Shard", "State", "Created"};
    return QString::fromLatin1(titles[column]);
}

TenantTable::ValueMatches TenantTable::valueMatches(const QByteArray& needle) const
{
    ValueMatches m;
    for (int i = 0; i < IsolationModelCount; ++i)
        m.model[i] = contains(toString(IsolationModel(i)).toUtf8(), needle);
    for (int i = 0; i < TenantStateCount; ++i)
        m.state[i] = contains(toString(TenantState(i)).toUtf8(), needle);
    m.shard.resize(size_t(m_shards.size()));
    for (qsizetype i = 0; i < m_shards.size(); ++i)
        m.shard[size_t(i)] = contains(normalisedNeedle(m_shards[i].name), needle);
    return m;
}

bool TenantTable::valueMatch(const ValueMatches& m, const Row& row) const
{
    return m.model[row.model] || m.state[row.state] || m.shard[row.shardSlot];
}

QVector<int> TenantTable::filter(const QString& needle, const QVector<int>& candidates) const
{
    const QByteArray n = normalisedNeedle(needle);
    if (n.isEmpty())
        return candidates;
    const ValueMatches values = valueMatches(n);
    QVector<int> kept;
    kept.reserve(candidates.size());
    for (int row : candidates) {
        if (valueMatch(values, m_rows[size_t(row)]) || contains(searchText(row), n))
            kept.append(row);
    }
    return kept;
}

std::vector<bool> TenantTable::matches(const QString& needle) const
{
    const QByteArray n = normalisedNeedle(needle);
    std::vector<bool> hit(m_rows.size(), n.isEmpty());
    if (n.isEmpty())
        return hit;
    const ValueMatches values = valueMatches(n);
    for (size_t i = 0; i < m_rows.size(); ++i)
        hit[i] = valueMatch(values, m_rows[i]);
    // One pass over the whole text. Hits come in row order, so a cursor that only moves
    // forward finds each hit's row, and the search resumes at the start of the next row.
    const std::string_view text(m_search.constData(), size_t(m_search.size()));
    const std::string_view pattern(n.constData(), size_t(n.size()));
    size_t from = 0;
    size_t row = 0;
    while (from < text.size()) {
        const size_t offset = text.find(pattern, from);
        if (offset == std::string_view::npos)
            break;
        while (row + 1 < m_rows.size() && m_rows[row + 1].searchOffset <= offset)
            ++row;
        hit[row] = true;
        if (++row == m_rows.size())
            break;
        from = m_rows[row].searchOffset;
    }
    return hit;
}

void TenantTable::sort(QVector<int>& rows, Column column, Qt::SortOrder order) const
{
    // Search text starts with lower(slug) \1 lower(name): a case-insensitive key for both.
    auto field = [this](int row, int index) {
        QByteArrayView text = searchText(row);
        for (int i = 0; i < index; ++i)
            text = text.sliced(text.indexOf(FieldSeparator) + 1);
        return text.first(text.indexOf(FieldSeparator));
    };
    std::function<bool(int, int)> less;
    switch (column) {
    case Slug:
        less = [&](int a, int b) { return slugUtf8(a) < slugUtf8(b); };
        break;
    case Name:
        less = [&](int a, int b) { return field(a, 1) < field(b, 1); };
        break;
    case Model:
        less = [&](int a, int b) { return m_rows[size_t(a)].model < m_rows[size_t(b)].model; };
        break;
    case Shard:
        less = [&](int a, int b) { return shardName(a) < shardName(b); };
        break;
    case State:
        less = [&](int a, int b) { return m_rows[size_t(a)].state < m_rows[size_t(b)].state; };
        break;
    case Created:
    case ColumnCount:
        less = [&](int a, int b) { return m_rows[size_t(a)].created < m_rows[size_t(b)].created; };
        break;
    }
    if (order == Qt::AscendingOrder)
        std::stable_sort(rows.begin(), rows.end(), less);
    else
        std::stable_sort(rows.begin(), rows.end(), [&](int a, int b) { return less(b, a); });
}

qsizetype TenantTable::memoryBytes() const
{
    return qsizetype(m_rows.capacity() * sizeof(Row)) + m_text.capacity() + m_search.capacity()
           + m_shards.size() * qsizetype(sizeof(ShardEntry) + 32);
}
