// LanguageGroups: CLDR's language family tree (supplemental languageGroups.json from npm
// cldr-core, or languageGroup.xml from Debian's unicode-cldr-core): parent of each code.
#pragma once

#include <QByteArray>
#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>

namespace twb {

// CLDR's "multiple languages" code: from CLDR 44 on, the root above the top-level families.
inline const QString kLanguageTreeRoot = QStringLiteral("mul");

struct LanguageGroups {
  QHash<QString, QString> parent;  // child -> parent (the first listed when several)
  QSet<QString> groups;            // codes with children (families, branches, macrolanguages)
  QStringList multiParent;         // children listed under more than one parent

  // True when the code sits anywhere in the tree (as a child or a group).
  bool contains(const QString& code) const;
  // Ancestors nearest first, the root excluded: "en" -> {"gmw", "gem", "ine"}; empty for a
  // top-level code and for one not in the tree. Stops at a cycle.
  QStringList ancestors(const QString& code) const;
  qsizetype childCount() const { return parent.size(); }
};

// Parse the JSON or XML form; throw InputError naming `what`.
LanguageGroups parseLanguageGroupsJson(const QByteArray& json, const QString& what);
LanguageGroups parseLanguageGroupsXml(const QByteArray& xml, const QString& what);
// Either form, told apart by the first non-blank character.
LanguageGroups parseLanguageGroups(const QByteArray& bytes, const QString& what);
LanguageGroups readLanguageGroupsFile(const QString& path);

}  // namespace twb
