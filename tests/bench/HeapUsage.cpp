#include "HeapUsage.h"

#include <QByteArray>
#include <QXmlStreamReader>

#include <cstdio>
#include <malloc.h>
#include <stdexcept>

qint64 HeapUsage::inUseBytes()
{
    char* buffer = nullptr;
    size_t size = 0;
    FILE* stream = open_memstream(&buffer, &size);
    if (!stream || malloc_info(0, stream) != 0)
        throw std::runtime_error("malloc_info failed");
    std::fclose(stream);
    const QByteArray xml(buffer, qsizetype(size));
    std::free(buffer);

    // The totals over all arenas are the direct children of <malloc>: what the arenas hold from
    // the system, the free chunks in them (fast bins and the rest), and the mmapped blocks.
    qint64 system = 0, free = 0, mmapped = 0;
    QXmlStreamReader reader(xml);
    int depth = 0;
    while (!reader.atEnd()) {
        const QXmlStreamReader::TokenType token = reader.readNext();
        if (token == QXmlStreamReader::EndElement) {
            --depth;
            continue;
        }
        if (token != QXmlStreamReader::StartElement)
            continue;
        ++depth;
        if (depth != 2)
            continue;
        const QStringView type = reader.attributes().value(QLatin1String("type"));
        const qint64 bytes = reader.attributes().value(QLatin1String("size")).toLongLong();
        if (reader.name() == QLatin1String("system") && type == QLatin1String("current"))
            system = bytes;
        else if (reader.name() == QLatin1String("total")
                 && (type == QLatin1String("fast") || type == QLatin1String("rest")))
            free += bytes;
        else if (reader.name() == QLatin1String("total") && type == QLatin1String("mmap"))
            mmapped = bytes;
    }
    if (reader.hasError())
        throw std::runtime_error("cannot read malloc_info: " + reader.errorString().toStdString());
    return system - free + mmapped;
}
