#include "browse/TableBrowser.h"

#include "browse/BrowseTableLoader.h"
#include "browse/TenantReader.h"
#include "rows/KeysetPager.h"

TableBrowser::TableBrowser(TenantAccess access, BrowseTableModel* model, QObject* parent)
    : QObject(parent)
    , m_access(std::move(access))
    , m_model(model)
    , m_pages(new PgSession(this))
    , m_pageReader(std::make_shared<TenantReader>(m_access))
    , m_generation(std::make_shared<std::atomic<quint64>>(0))
{
    connect(m_model, &BrowseTableModel::pageRequested, this, &TableBrowser::requestPage);
    connect(m_model, &BrowseTableModel::restarted, this, [this] {
        // A new window: pages and counts of the old one are not wanted any more. The estimate
        // follows the first page, so that it never delays it.
        m_countRequests.invalidate();
        if (m_countRunning)
            m_counts->cancel();
        m_estimatePending = true;
    });
}

TableBrowser::~TableBrowser() = default;

void TableBrowser::setRoute(const BrowseRoute& route)
{
    if (route.endpoint.id == m_route.endpoint.id && route.endpoint.host == m_route.endpoint.host
        && route.endpoint.port == m_route.endpoint.port && route.lagSeconds == m_route.lagSeconds
        && route.note == m_route.note)
        return;
    m_route = route;
    emit routeChanged(m_route);
}

void TableBrowser::open(quint32 relation)
{
    struct Opened {
        BrowseTable table;
        BrowseRoute route;
    };
    close();
    m_pages->run<Opened>(
        [reader = m_pageReader, relation](PgConnection& c) {
            BrowseTable table = reader->read(c, [&] { return BrowseTableLoader::load(c, reader->scope(), relation); });
            return Opened{std::move(table), reader->route()};
        },
        this,
        [this, opening = m_opens.current()](Outcome<Opened> r) {
            if (!opening.isCurrent())
                return;
            if (!r.ok()) {
                emit failed(r.error->text());
                return;
            }
            setRoute(r.value->route);
            m_model->setTable(r.value->table);
            emit opened(r.value->table);
            m_model->showFirst();
        });
}

void TableBrowser::close()
{
    m_opens.invalidate();
    m_countRequests.invalidate();
    m_model->setTable({});
}

std::shared_ptr<const KeysetPager> TableBrowser::pager(const PageRequest& request)
{
    if (!m_pager || m_pagerGeneration != request.generation) {
        m_pager = std::make_shared<const KeysetPager>(m_model->table(), request.query);
        m_pagerGeneration = request.generation;
    }
    return m_pager;
}

void TableBrowser::requestPage(const PageRequest& request)
{
    m_generation->store(request.generation);
    std::shared_ptr<const KeysetPager> keyset;
    try {
        keyset = pager(request);
    } catch (const InputError& e) {
        m_model->deliverError(request, e);
        return;
    }
    m_pages->run<PageReply>(
        [reader = m_pageReader, generation = m_generation, keyset, request](PgConnection& c) {
            if (generation->load() != request.generation)
                return PageReply{{}, reader->route(), true};
            const BrowseTable& table = keyset->table();
            BrowsePage page = reader->read(c, [&] {
                reader->scope().checkRelation(c, table.oid, table.schema, table.name);
                return keyset->fetch(c, request);
            });
            return PageReply{std::move(page), reader->route(), false};
        },
        this,
        [this, request](Outcome<PageReply> r) {
            if (!r.ok()) {
                m_model->deliverError(request, r.error->failure());
                return;
            }
            setRoute(r.value->route);
            if (r.value->skipped)
                return;
            m_model->deliver(request, std::move(r.value->page));
            if (m_estimatePending && request.generation == m_generation->load()) {
                m_estimatePending = false;
                estimateCount();
            }
        });
}

void TableBrowser::estimateCount()
{
    const Generation::Ticket count = m_countRequests.current();
    m_pages->run<double>(
        [reader = m_pageReader, keyset = m_pager](PgConnection& c) {
            return reader->read(c, [&] {
                // EXPLAIN plans the relation, which may fold its functions: checked like a read.
                const BrowseTable& table = keyset->table();
                reader->scope().checkRelation(c, table.oid, table.schema, table.name);
                return keyset->estimateCount(c);
            });
        },
        this,
        [this, count](Outcome<double> r) {
            if (!count.isCurrent())
                return;
            if (r.ok())
                emit countChanged(*r.value, false);
            else
                emit countFailed(r.error->text());
        });
}

void TableBrowser::countExactly()
{
    if (m_countRunning)
        return;
    if (!m_counts) {
        m_counts = new PgSession(this);
        m_countReader = std::make_shared<TenantReader>(m_access);
    }
    const Generation::Ticket count = m_countRequests.current();
    m_countRunning = true;
    emit countingChanged(true);
    m_counts->run<qint64>(
        [reader = m_countReader, table = m_model->table(), query = m_model->query()](PgConnection& c) {
            const KeysetPager pager(table, query);
            return reader->read(c, [&] {
                reader->scope().checkRelation(c, table.oid, table.schema, table.name);
                return pager.exactCount(c);
            });
        },
        this,
        [this, count](Outcome<qint64> r) {
            m_countRunning = false;
            emit countingChanged(false);
            if (!count.isCurrent())
                return;
            if (r.ok())
                emit countChanged(double(*r.value), true);
            else
                emit countFailed(r.error->is(PgError::Kind::Cancelled) ? QStringLiteral("Count cancelled.")
                                                                       : r.error->text());
        });
}

void TableBrowser::cancelCount()
{
    if (m_counts)
        m_counts->cancel();
}

void TableBrowser::cancel()
{
    m_pages->cancel();
    if (m_counts)
        m_counts->cancel();
}
