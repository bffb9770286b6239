#include "rows/RowExportWriter.h"

#include "base/InputError.h"
#include "pg/PgError.h"

static void appendJsonString(QByteArray& out, QByteArrayView utf8)
{
    out += '"';
    for (char ch : utf8) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += ch;
        } else if (c < 0x20) {
            static const char hex[] = "0123456789abcdef";
            out += "\\u00";
            out += hex[c >> 4];
            out += hex[c & 15];
        } else {
            out += ch;
        }
    }
    out += '"';
}

// Whether a numeric column's text is a JSON number (not NaN, Infinity, money or an OID alias):
// -?digits[.digits][(e|E)[+-]digits].
static bool isJsonNumber(QByteArrayView text)
{
    qsizetype i = 0;
    const qsizetype n = text.size();
    auto digits = [&] {
        const qsizetype start = i;
        while (i < n && text[i] >= '0' && text[i] <= '9')
            ++i;
        return i > start;
    };
    if (i < n && text[i] == '-')
        ++i;
    if (!digits())
        return false;
    if (i < n && text[i] == '.') {
        ++i;
        if (!digits())
            return false;
    }
    if (i < n && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        if (i < n && (text[i] == '+' || text[i] == '-'))
            ++i;
        if (!digits())
            return false;
    }
    return i == n;
}

RowExportWriter::RowExportWriter(QIODevice* device, Format format, const BrowseTable& table)
    : m_device(device)
    , m_format(format)
    , m_table(table)
{
    for (const BrowseColumn& column : table.columns) {
        QByteArray name;
        appendJsonString(name, column.name.toUtf8());
        m_jsonNames << name + ": ";
    }
}

RowExportWriter::Format RowExportWriter::formatForPath(const QString& path)
{
    return path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive) ? Format::Json : Format::Csv;
}

void RowExportWriter::put(QByteArrayView bytes)
{
    m_buffer += bytes;
    if (m_buffer.size() >= 1 << 16) {
        if (m_device->write(m_buffer) != m_buffer.size())
            throw InputError(QStringLiteral("Could not write the export: ") + m_device->errorString());
        m_buffer.clear();
    }
}

void RowExportWriter::begin()
{
    if (m_format == Format::Json) {
        put("[");
        return;
    }
    QByteArray header;
    for (int i = 0; i < m_table.columns.size(); ++i) {
        if (i > 0)
            header += ',';
        const QByteArray name = m_table.columns[i].name.toUtf8();
        header += '"';
        header += QByteArray(name).replace('"', "\"\"");
        header += '"';
    }
    header += "\r\n";
    put(header);
}

void RowExportWriter::write(const BrowsePage& page)
{
    for (int row = 0; row < page.rowCount(); ++row) {
        if (m_format == Format::Json)
            writeJsonRow(page, row);
        else
            writeCsvRow(page, row);
    }
}

void RowExportWriter::writeCsvRow(const BrowsePage& page, int row)
{
    QByteArray line;
    for (int column = 0; column < page.columnCount(); ++column) {
        if (column > 0)
            line += ',';
        if (page.isNull(row, column))
            continue;
        const QByteArrayView value = page.bytes(row, column);
        const bool quote = value.isEmpty() || value.contains(',') || value.contains('"') || value.contains('\n')
                           || value.contains('\r');
        if (!quote) {
            line += value;
            continue;
        }
        line += '"';
        for (char ch : value) {
            if (ch == '"')
                line += '"';
            line += ch;
        }
        line += '"';
    }
    line += "\r\n";
    put(line);
}

void RowExportWriter::writeJsonRow(const BrowsePage& page, int row)
{
    QByteArray object = m_firstRow ? "\n{" : ",\n{";
    m_firstRow = false;
    for (int column = 0; column < page.columnCount(); ++column) {
        if (column > 0)
            object += ", ";
        object += m_jsonNames[column];
        const BrowseColumn& type = m_table.columns[column];
        const QByteArrayView value = page.bytes(row, column);
        if (page.isNull(row, column))
            object += "null";
        else if (type.isJson() || (type.isNumeric() && isJsonNumber(value)))
            object += value;
        else if (type.isBoolean())
            object += value == "t" ? "true" : "false";
        else
            appendJsonString(object, value);
    }
    object += '}';
    put(object);
}

void RowExportWriter::end()
{
    if (m_format == Format::Json)
        put(m_firstRow ? "]\n" : "\n]\n");
    if (m_device->write(m_buffer) != m_buffer.size())
        throw InputError(QStringLiteral("Could not write the export: ") + m_device->errorString());
    m_buffer.clear();
}
