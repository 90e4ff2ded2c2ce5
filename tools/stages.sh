# Sourced by tools/test.sh: each stage's wall time, in one line at the end, even when a stage fails
# (CI has 20 minutes, and its log says where they go). `stage NAME` starts a stage and ends the one
# before; `stages_report LABEL` at exit prints them, the stage that was running when a command
# failed marked « (échec) » (it was left out of the line).
stages=""
stage_name=""
stage_start=$SECONDS
stage() {
  [ -z "$stage_name" ] || stages+="${stages:+, }$stage_name $((SECONDS - stage_start)) s"
  stage_name=$1
  stage_start=$SECONDS
}
stages_report() {  # stages_report LABEL EXIT_CODE
  if [ -n "$stage_name" ]; then
    stages+="${stages:+, }$stage_name $((SECONDS - stage_start)) s"
    [ "$2" -eq 0 ] || stages+=" (échec)"
  fi
  echo "$1 : ${stages:-rien} ; ${SECONDS} s en tout"
}
