#include "provision/TenantSpecValidator.h"

#include "base/CatalogInput.h"
#include "base/InputError.h"
#include "catalog/RoutePath.h"
#include "catalog/TenantNames.h"

#include <QRegularExpression>
#include <QSet>

namespace {

const QString allowedCharacters = QStringLiteral("lower-case letters (a-z), digits, '-' and '_'");

bool isNameCharacter(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'-' || c == u'_';
}

// How a character that may not appear in a name is called in a message.
QString characterName(QChar c)
{
    switch (c.unicode()) {
    case u'\'':
        return QStringLiteral("a single quote (')");
    case u'"':
        return QStringLiteral("a double quote (\")");
    case u'`':
        return QStringLiteral("a backquote (`)");
    case u';':
        return QStringLiteral("a semicolon (;)");
    case u'.':
        return QStringLiteral("a dot (.)");
    case u' ':
        return QStringLiteral("a space");
    default:
        break;
    }
    if (c.isSpace())
        return QStringLiteral("white space");
    return QStringLiteral("the character '%1'").arg(c);
}

// Names of catalog objects (shards, templates) as the catalog's CHECK constraints allow them.
bool isCatalogName(const QString& name)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z][a-z0-9_-]{0,62}$"));
    return pattern.match(name).hasMatch();
}

// A slug like text that the checks would take ("North Wind!" -> "north-wind"), or empty.
QString suggestedSlug(const QString& text)
{
    QString slug;
    for (QChar c : text.toLower()) {
        if (isNameCharacter(c))
            slug += c;
        else if (!slug.endsWith(u'-'))
            slug += u'-';
    }
    while (!slug.isEmpty() && !(slug.at(0) >= u'a' && slug.at(0) <= u'z'))
        slug.remove(0, 1);
    while (slug.endsWith(u'-'))
        slug.chop(1);
    return slug;
}

// ", e.g. "north-wind"" when text suggests a slug, else empty.
QString suggestionFor(const QString& text)
{
    const QString slug = suggestedSlug(text);
    return slug.isEmpty() ? QString() : QStringLiteral(", e.g. \"%1\"").arg(slug);
}

// Why an identifier derived from a slug is reserved, or empty.
QString reservedReason(const QString& identifier)
{
    if (identifier.startsWith(QLatin1String("pg_")))
        return QStringLiteral("names beginning with pg_ are reserved by PostgreSQL");
    if (identifier == QLatin1String("public") || identifier == QLatin1String("information_schema"))
        return QStringLiteral("every PostgreSQL database has a schema of that name");
    if (identifier == TenantNames::sharedSchema())
        return QStringLiteral("it is the schema of the shared tables");
    if (identifier == QLatin1String("tenantdesk") || identifier == TenantNames::shardSchema())
        return QStringLiteral("TenantDesk keeps its own records under that name");
    if (identifier == QLatin1String("template") || identifier.startsWith(QLatin1String("template_")))
        return QStringLiteral("tenant_template... names the template databases that database tenants are copied from");
    return {};
}

QString hostProblem(const QString& host, const QString& quoted)
{
    if (host.isEmpty())
        return QStringLiteral("The domain %1 has no host name: enter e.g. \"acme.example.com\".").arg(quoted);
    if (host.size() > 253)
        return QStringLiteral("The domain %1 has a host name of %2 characters; at most 253 are allowed.")
            .arg(quoted)
            .arg(host.size());
    for (QChar c : host) {
        if (c.unicode() > 0x7f)
            return QStringLiteral("The domain %1 has non-ASCII letters: enter its punycode form (xn--...).")
                .arg(quoted);
        if (!((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'-' || c == u'.'))
            return QStringLiteral("The domain %1 contains %2: a host name has only letters, digits, '-' and dots.")
                .arg(quoted, characterName(c));
    }
    const QStringList labels = host.split(u'.');
    for (const QString& label : labels) {
        if (label.isEmpty())
            return QStringLiteral("The domain %1 has an empty part between dots (or a dot at its start or end).")
                .arg(quoted);
        if (label.size() > 63)
            return QStringLiteral("The domain %1 has a part of %2 characters between dots; at most 63 are allowed.")
                .arg(quoted)
                .arg(label.size());
        if (label.startsWith(u'-') || label.endsWith(u'-'))
            return QStringLiteral("The domain %1 has a part that starts or ends with '-'.").arg(quoted);
    }
    return {};
}

} // namespace

QString TenantSpecValidator::slugProblem(const QString& slug, IsolationModel model)
{
    if (slug.isEmpty())
        return QStringLiteral("The slug is empty: enter a short name of %1 that starts with a letter, e.g. \"acme\".")
            .arg(allowedCharacters);
    if (const QString problem = CatalogInput::problem(slug); !problem.isEmpty())
        return QStringLiteral("The slug %1: retype it (such characters often come along with pasted text).")
            .arg(problem);
    if (slug != slug.toLower())
        return QStringLiteral("The slug \"%1\" has upper-case letters: slugs are lower case (a slug that differs only "
                              "by case names the same tenant). Use \"%2\".")
            .arg(slug, suggestedSlug(slug));
    for (qsizetype i = 0; i < slug.size(); ++i) {
        if (!isNameCharacter(slug.at(i)))
            return QStringLiteral("The slug contains %1 at position %2: use only %3%4.")
                .arg(characterName(slug.at(i)))
                .arg(i + 1)
                .arg(allowedCharacters, suggestionFor(slug));
    }
    if (!(slug.at(0) >= u'a' && slug.at(0) <= u'z'))
        return QStringLiteral("The slug \"%1\" starts with '%2': it must start with a letter (a-z).")
            .arg(slug, slug.at(0));
    const QString identifier = TenantNames::identifier(slug);
    if (const QString reason = reservedReason(identifier); !reason.isEmpty())
        return QStringLiteral("The slug \"%1\" is reserved: %2. Choose another.").arg(slug, reason);
    // Every character is ASCII by now, so characters are bytes.
    if (identifier.size() > TenantNames::MaxIdentifierBytes)
        return QStringLiteral("The slug is %1 characters long; at most %2 fit in a PostgreSQL name.")
            .arg(slug.size())
            .arg(TenantNames::MaxIdentifierBytes);
    if (model == IsolationModel::Database) {
        const QString database = TenantNames::databaseName(slug);
        if (database.size() > TenantNames::MaxIdentifierBytes)
            return QStringLiteral("The slug is %1 characters long: the database name %2 would be %3 bytes, and "
                                  "PostgreSQL truncates names after %4 bytes (to \"%5\"), so two long slugs could name "
                                  "the same database. Use at most %6 characters for a database tenant.")
                .arg(slug.size())
                .arg(database)
                .arg(database.size())
                .arg(TenantNames::MaxIdentifierBytes)
                .arg(database.left(TenantNames::MaxIdentifierBytes))
                .arg(TenantNames::MaxIdentifierBytes - (database.size() - slug.size()));
    }
    return {};
}

QString TenantSpecValidator::displayNameProblem(const QString& displayName)
{
    const QString name = displayName.trimmed();
    if (name.isEmpty())
        return QStringLiteral("The display name is empty: enter the name people know the tenant by, e.g. \"Acme "
                              "Corporation\".");
    if (const QString problem = CatalogInput::problem(name); !problem.isEmpty())
        return QStringLiteral("The display name %1: retype it.").arg(problem);
    if (const qsizetype length = name.toUcs4().size(); length > MaxDisplayNameLength)
        return QStringLiteral("The display name has %1 characters; at most %2 fit.")
            .arg(length)
            .arg(MaxDisplayNameLength);
    return {};
}

QString TenantSpecValidator::shardProblem(const QString& shard)
{
    if (shard.isEmpty() || isCatalogName(shard))
        return {};
    if (const QString problem = CatalogInput::problem(shard); !problem.isEmpty())
        return QStringLiteral("The shard name %1: choose a shard from the list, or leave it empty for automatic.")
            .arg(problem);
    return QStringLiteral("\"%1\" is not a shard name (%2, starting with a letter): choose a shard from the list, or "
                          "leave it empty for automatic placement.")
        .arg(shard, allowedCharacters);
}

QString TenantSpecValidator::templateProblem(const QString& templateName, int version)
{
    if (templateName.isEmpty())
        return QStringLiteral("No template is chosen: choose the template the tenant's tables are made from.");
    if (const QString problem = CatalogInput::problem(templateName); !problem.isEmpty())
        return QStringLiteral("The template name %1: choose a template from the list.").arg(problem);
    if (!isCatalogName(templateName))
        return QStringLiteral("\"%1\" is not a template name (%2, starting with a letter).")
            .arg(templateName, allowedCharacters);
    if (version < 0)
        return QStringLiteral("The template version must be a positive number, or 0 for the latest.");
    return {};
}

std::optional<CatalogDomain> TenantSpecValidator::parseDomain(const QString& input, QString* problem)
{
    const QString text = input.trimmed();
    if (const QString p = CatalogInput::problem(text); !p.isEmpty()) {
        *problem = QStringLiteral("A domain %1: retype it.").arg(p);
        return std::nullopt;
    }
    const QString quoted = u'"' + text + u'"';
    if (const qsizetype scheme = text.indexOf(QLatin1String("://")); scheme >= 0) {
        *problem = QStringLiteral("The domain %1 starts with \"%2\": enter it without, e.g. \"%3\".")
                       .arg(quoted, text.left(scheme + 3), text.mid(scheme + 3));
        return std::nullopt;
    }
    const qsizetype slash = text.indexOf(u'/');
    const QString authority = slash < 0 ? text : text.left(slash);
    CatalogDomain domain;
    domain.pathPrefix = slash < 0 ? QString() : text.mid(slash);
    const qsizetype colon = authority.indexOf(u':');
    domain.host = (colon < 0 ? authority : authority.left(colon)).toLower();
    if (const QString p = hostProblem(domain.host, quoted); !p.isEmpty()) {
        *problem = p;
        return std::nullopt;
    }
    if (colon >= 0) {
        bool ok = false;
        const QString portText = authority.mid(colon + 1);
        const int port = portText.toInt(&ok);
        if (!ok || port < 1 || port > 65535 || !portText.at(0).isDigit()) {
            *problem = QStringLiteral("The domain %1 has the port \"%2\": a port is a number from 1 to 65535.")
                           .arg(quoted, portText);
            return std::nullopt;
        }
        domain.port = port;
    }
    for (QChar c : std::as_const(domain.pathPrefix)) {
        if (c == u'?' || c == u'#' || c.isSpace() || c == u'\\') {
            *problem = QStringLiteral("The domain %1 has %2 in its path: a path prefix is a plain URL path such as "
                                      "\"/acme\".")
                           .arg(quoted, characterName(c));
            return std::nullopt;
        }
    }
    if (domain.pathPrefix.size() > MaxPathLength) {
        *problem = QStringLiteral("The domain %1 has a path of %2 characters; at most %3 are allowed.")
                       .arg(quoted)
                       .arg(domain.pathPrefix.size())
                       .arg(MaxPathLength);
        return std::nullopt;
    }
    // "/acme/" routes like "/acme", and "/" like the bare host.
    while (domain.pathPrefix.endsWith(u'/'))
        domain.pathPrefix.chop(1);
    // Stored as a web server reads it, or "/shop/../admin" would be a route that routing, which
    // normalises the request's path, never matches as typed.
    QString plain = RoutePath::normalized(domain.pathPrefix);
    while (plain.endsWith(u'/'))
        plain.chop(1);
    if (!domain.pathPrefix.isEmpty() && plain != domain.pathPrefix) {
        *problem = QStringLiteral("The domain %1 has a path that a web server reads as \"%2\": enter it that way.")
                       .arg(quoted, plain.isEmpty() ? QStringLiteral("/") : plain);
        return std::nullopt;
    }
    return domain;
}

std::optional<QList<CatalogDomain>> TenantSpecValidator::parseDomains(const QStringList& texts, QString* problem)
{
    QList<CatalogDomain> domains;
    QSet<QString> seen;
    for (const QString& text : texts) {
        if (text.trimmed().isEmpty())
            continue;
        std::optional<CatalogDomain> domain = parseDomain(text, problem);
        if (!domain)
            return std::nullopt;
        if (seen.contains(domain->route())) {
            *problem = QStringLiteral("The domain \"%1\" is listed twice.").arg(domain->route());
            return std::nullopt;
        }
        seen.insert(domain->route());
        domains.append(*domain);
    }
    return domains;
}

TenantSpec TenantSpecValidator::normalized(const TenantSpec& spec)
{
    TenantSpec n = spec;
    n.slug = spec.slug.trimmed();
    n.displayName = spec.displayName.trimmed();
    n.shard = spec.shard.trimmed();
    n.templateName = spec.templateName.trimmed();
    n.domains.clear();
    QString ignored;
    if (const std::optional<QList<CatalogDomain>> domains = parseDomains(spec.domains, &ignored)) {
        for (const CatalogDomain& d : *domains)
            n.domains.append(d.route());
    }
    return n;
}

QList<TenantSpecValidator::Problem> TenantSpecValidator::problems(const TenantSpec& spec)
{
    QList<Problem> found;
    auto add = [&](Field field, const QString& message) {
        if (!message.isEmpty())
            found.append({field, message});
    };
    add(Field::Slug, slugProblem(spec.slug.trimmed(), spec.model));
    add(Field::DisplayName, displayNameProblem(spec.displayName));
    add(Field::Shard, shardProblem(spec.shard.trimmed()));
    add(Field::Template, templateProblem(spec.templateName.trimmed(), spec.templateVersion));
    QString domainProblem;
    if (!parseDomains(spec.domains, &domainProblem))
        add(Field::Domains, domainProblem);
    return found;
}

InputError TenantSpecValidator::toError(const QList<Problem>& problems)
{
    QStringList lines;
    for (const Problem& p : problems)
        lines.append(p.message);
    return InputError(lines.join(u'\n'));
}
