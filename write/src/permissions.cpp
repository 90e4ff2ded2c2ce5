#include "pratiques/write/permissions.h"

namespace pratiques::write {

Operation operation_of(Action a) {
  switch (a) {
    case Action::Soumettre: return Operation::Submit;
    case Action::Prendre: return Operation::Take;
    case Action::DemanderModifications: return Operation::RequestChanges;
    case Action::Publier: return Operation::Publish;
    case Action::Archiver: return Operation::Archive;
  }
  return Operation::View;
}

std::string create_refusal(const Account& who, Kind kind) {
  if (kind == Kind::Fiche || who.role == Role::Formateur || curates(who.role)) return "";
  return "Les parcours de formation sont réservés aux formateurs et aux documentalistes (votre rôle : " +
         std::string(role_label(who.role)) +
         "). Demandez à un administrateur de changer votre rôle si vous formez des étudiants.";
}

std::string forbidden_reason(const Account& who, Operation op, const Ownership& c) {
  const bool author = who.id == c.author_id;
  const bool curator = curates(who.role);
  if (!author && !curator)
    return "Cette contribution appartient à une autre personne : vous ne pouvez ni la voir ni la modifier.";
  // Someone else's draft is private; a revision of a published sheet is not (its sheet is the curators').
  if (!author && c.state == State::Brouillon && !(curator && c.published))
    return "Cette contribution est le brouillon d'une autre personne : elle devient visible quand son auteur la "
           "soumet.";
  switch (op) {
    case Operation::View:
    case Operation::Edit: return "";
    case Operation::Submit: return author ? "" : "Seul l'auteur d'une contribution peut la soumettre.";
    case Operation::Take:
    case Operation::RequestChanges:
    case Operation::Publish:
    case Operation::Archive:
      return curator
                 ? ""
                 : "Cette action est réservée aux documentalistes (votre rôle : " + std::string(role_label(who.role)) +
                       ").";
  }
  return "Action non permise.";
}

std::optional<State> state_after_edit(const Account& who, const Ownership& c) {
  const bool author = who.id == c.author_id;
  const bool curator = curates(who.role);
  switch (c.state) {
    case State::Brouillon:
    case State::ModificationsDemandees:
      if (author) return c.state;
      break;
    case State::EnRelecture:
      if (curator) return c.state;
      break;
    case State::Publiee:
    case State::Archivee:
      if (curator) return State::EnRelecture;
      if (author) return State::Brouillon;
      break;
    case State::Soumise: break;
  }
  return std::nullopt;
}

}  // namespace pratiques::write
