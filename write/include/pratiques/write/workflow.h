// The curation workflow (states named in French):
//   brouillon → soumise → en-relecture ⇄ modifications-demandees ; en-relecture → publiee → archivee
// plus "revue à faire", derived: a published sheet whose curation.prochaine_revue has passed.
// Editing a published (or archived) sheet starts a revision: the published version stays online
// until the revision is published. A curator may also take a published sheet in review (prendre)
// without changing it, to republish it as its review.
#pragma once
#include <optional>
#include <string_view>

namespace pratiques::write {

enum class State { Brouillon, Soumise, EnRelecture, ModificationsDemandees, Publiee, Archivee };
enum class Action { Soumettre, Prendre, DemanderModifications, Publier, Archiver };

std::string_view state_slug(State s);   // "en-relecture"
std::string_view state_label(State s);  // "En relecture"
std::optional<State> parse_state(std::string_view slug);
std::string_view action_slug(Action a);   // "demander-modifications"
std::string_view action_label(Action a);  // "Demander des modifications"
std::optional<Action> parse_action(std::string_view slug);

// The state an action leads to from `from`; none when the state does not allow it.
std::optional<State> transition(State from, Action a);
// Requesting changes and archiving need a comment: the contributor must know why.
bool needs_comment(Action a);

// Filter value of "revue à faire" (GET /api/contributions?etat=revue-a-faire).
inline constexpr std::string_view kReviewDue = "revue-a-faire";

}  // namespace pratiques::write
