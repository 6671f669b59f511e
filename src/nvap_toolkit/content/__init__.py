"""Reading the content: the first steps of the pipeline.

``kinds`` says what each file under content/ holds; ``loader`` reads YAML with
node positions; ``validate`` turns a document into its model, locating every
problem; ``crosscheck`` checks what spans files (ids, references); ``inline``
parses the inline forms of prose; ``project`` holds the validated content and
its look-ups; ``forces`` finds a police force as people name it; ``load`` runs
the steps in order; ``check`` is ``nvap validate``'s core.
"""
