#include "pratiques/write/workflow.h"

namespace pratiques::write {

namespace {

constexpr State kStates[] = {State::Brouillon, State::Soumise, State::EnRelecture, State::ModificationsDemandees,
                             State::Publiee,   State::Archivee};
constexpr Action kActions[] = {Action::Soumettre, Action::Prendre, Action::DemanderModifications, Action::Publier,
                               Action::Archiver};

}  // namespace

std::string_view state_slug(State s) {
  switch (s) {
    case State::Brouillon: return "brouillon";
    case State::Soumise: return "soumise";
    case State::EnRelecture: return "en-relecture";
    case State::ModificationsDemandees: return "modifications-demandees";
    case State::Publiee: return "publiee";
    case State::Archivee: return "archivee";
  }
  return "brouillon";
}

std::string_view state_label(State s) {
  switch (s) {
    case State::Brouillon: return "Brouillon";
    case State::Soumise: return "Soumise";
    case State::EnRelecture: return "En relecture";
    case State::ModificationsDemandees: return "Modifications demandées";
    case State::Publiee: return "Publiée";
    case State::Archivee: return "Archivée";
  }
  return "Brouillon";
}

std::optional<State> parse_state(std::string_view slug) {
  for (State s : kStates)
    if (state_slug(s) == slug) return s;
  return std::nullopt;
}

std::string_view action_slug(Action a) {
  switch (a) {
    case Action::Soumettre: return "soumettre";
    case Action::Prendre: return "prendre";
    case Action::DemanderModifications: return "demander-modifications";
    case Action::Publier: return "publier";
    case Action::Archiver: return "archiver";
  }
  return "soumettre";
}

std::string_view action_label(Action a) {
  switch (a) {
    case Action::Soumettre: return "Soumettre";
    case Action::Prendre: return "Prendre en relecture";
    case Action::DemanderModifications: return "Demander des modifications";
    case Action::Publier: return "Publier";
    case Action::Archiver: return "Archiver";
  }
  return "Soumettre";
}

std::optional<Action> parse_action(std::string_view slug) {
  for (Action a : kActions)
    if (action_slug(a) == slug) return a;
  return std::nullopt;
}

std::optional<State> transition(State from, Action a) {
  switch (a) {
    case Action::Soumettre:
      if (from == State::Brouillon || from == State::ModificationsDemandees) return State::Soumise;
      break;
    case Action::Prendre:
      // A published sheet taken in review unchanged: its periodic review, republished as it is.
      if (from == State::Soumise || from == State::Publiee) return State::EnRelecture;
      break;
    case Action::DemanderModifications:
      if (from == State::EnRelecture) return State::ModificationsDemandees;
      break;
    case Action::Publier:
      if (from == State::EnRelecture) return State::Publiee;
      break;
    case Action::Archiver:
      if (from == State::Publiee) return State::Archivee;
      break;
  }
  return std::nullopt;
}

bool needs_comment(Action a) { return a == Action::DemanderModifications || a == Action::Archiver; }

}  // namespace pratiques::write
