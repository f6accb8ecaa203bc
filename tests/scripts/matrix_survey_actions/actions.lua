-- The survey actions matrix of the standard library.
return require("matrix.survey_actions")
