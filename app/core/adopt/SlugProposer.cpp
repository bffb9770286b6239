#include "adopt/SlugProposer.h"

#include "catalog/TenantNames.h"
#include "provision/TenantSpecValidator.h"

SlugProposer::SlugProposer(const QStringList& taken)
{
    for (const QString& slug : taken)
        take(slug);
}

void SlugProposer::take(const QString& slug)
{
    m_identifiers.insert(TenantNames::identifier(slug));
}

QString SlugProposer::slugOf(const QString& name)
{
    // Accents come off (é -> e); every run of anything else becomes one '-'.
    QString slug;
    for (const QChar c : name.normalized(QString::NormalizationForm_KD).toLower()) {
        if ((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9'))
            slug.append(c);
        else if (!c.isMark() && !slug.isEmpty() && !slug.endsWith(u'-'))
            slug.append(u'-');
    }
    if (slug.endsWith(u'-'))
        slug.chop(1);
    if (slug.isEmpty() || !(slug.front() >= u'a' && slug.front() <= u'z'))
        slug.prepend(slug.isEmpty() ? QStringLiteral("t") : QStringLiteral("t-"));
    slug.truncate(TenantNames::MaxIdentifierBytes - 4); // room for "-999"
    if (slug.endsWith(u'-'))
        slug.chop(1);
    return slug;
}

QString SlugProposer::propose(const QString& name, IsolationModel model)
{
    QString base = slugOf(name);
    if (!TenantSpecValidator::slugProblem(base, model).isEmpty())
        base = QStringLiteral("t-") + base.left(TenantNames::MaxIdentifierBytes - 6);
    QString slug = base;
    for (int n = 2; m_identifiers.contains(TenantNames::identifier(slug)); ++n)
        slug = base + u'-' + QString::number(n);
    take(slug);
    return slug;
}
