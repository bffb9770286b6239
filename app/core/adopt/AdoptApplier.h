#pragma once

#include "adopt/AdoptScan.h"
#include "pg/PgError.h"

#include <QHash>
#include <QStringList>

class PgConnection;

// Registers the chosen candidates of a scan in the catalog, under their existing schema, database
// or key (never renaming or touching their data), as 'active', with their domains, the template
// given, their id in the application's table, and records the shard's application layout; an
// audit row for each. All in one catalog transaction: when a slug, name, key or domain collides
// with the catalog, or anything fails, nothing is written.
class AdoptApplier {
public:
    // An optional template (empty name: none) the adopted tenants are recorded as made from.
    struct Template {
        QString name;
        int version = 0;
    };

    explicit AdoptApplier(PgConnection& catalog);

    // The problems of the chosen candidates found without the catalog (slug, name, domains,
    // duplicates within the choice); empty when they may be applied.
    static QStringList problems(const QList<AdoptCandidate>& chosen);
    // What apply() writes, one line each: the preview.
    static QStringList preview(const AdoptScan& scan, const QList<AdoptCandidate>& chosen, const Template& t);

    // What of the chosen candidates collides with the catalog (slug, schema, database, key or domain
    // taken), one line each; empty when nothing does. Reads only: the preview shows it before apply.
    QStringList collisions(const AdoptScan& scan, const QList<AdoptCandidate>& chosen);

    // What to do about the lines of collisions(): leave out what is already adopted, rename the rest.
    static QString collisionAdvice(const QStringList& collisions);

    // Returns the new tenants' ids. Throws InputError, having written nothing, for bad input and
    // collisions. When the COMMIT's answer is lost, reads back whether it committed: returns the
    // ids when it did, throws PgError(Connection) when it did not, and PgError(UnknownOutcome)
    // (never a plain failure) when that cannot be read.
    QList<qint64> apply(const AdoptScan& scan, const QList<AdoptCandidate>& chosen, const Template& t);

private:
    // After the answer to the COMMIT was lost: returns when the adoption committed, else throws.
    void readBack(const AdoptScan& scan, const PgError& lost);
    // The template version each model's tenants get (the latest when t.version is 0).
    QHash<IsolationModel, int> templateVersions(const QList<AdoptCandidate>& chosen, const Template& t);

    PgConnection& m_catalog;
};
