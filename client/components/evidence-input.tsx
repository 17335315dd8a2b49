import { TagsInput, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FileUploadField } from './file-upload-field';
import { useFileUploads } from './use-file-uploads';

// A case holds at most 20 evidence items in one go (the API's evidence list); files are the
// slow part to check by hand, so at most 10 of them.
const MAX_ITEMS = 20;
const MAX_FILES = 10;

/**
 * Evidence as an agent gives it when opening a case or adding to one: written references
 * (an order number, "screenshot sent by chat") and uploaded files, sharing one limit.
 */
export function useEvidenceInput() {
  const [references, setReferences] = useState<string[]>([]);
  const maxFiles = Math.min(MAX_FILES, MAX_ITEMS - references.length);
  const files = useFileUploads(maxFiles);
  /** the evidence as the API takes it; a reference is cut to the 200 characters it keeps */
  const items = [
    ...references.map((label) => ({ kind: 'reference' as const, label: label.slice(0, 200) })),
    ...files.uploaded.map((f) => ({ kind: 'file' as const, uploadId: f.uploadId })),
  ];
  return { references, setReferences, files, maxFiles, items };
}

interface Props {
  evidence: ReturnType<typeof useEvidenceInput>;
  label: string;
  description: string;
  /** references offered while typing */
  suggestions?: string[];
  testId: string;
}

/** The references box, the file picker, and a word while files are still uploading. */
export function EvidenceFields({ evidence, label, description, suggestions, testId }: Props) {
  const { t } = useTranslation();
  // The suggestions close once a reference is added (Enter or a pick), so they do not sit over
  // the dialog's buttons; typing again (or ↓) brings them back.
  const [suggesting, setSuggesting] = useState(false);
  return (
    <>
      <TagsInput
        label={label}
        description={description}
        data={suggestions}
        value={evidence.references}
        onChange={(references) => {
          evidence.setReferences(references);
          setSuggesting(false);
        }}
        dropdownOpened={suggesting}
        onDropdownOpen={() => setSuggesting(true)}
        onDropdownClose={() => setSuggesting(false)}
        onSearchChange={(text) => text && setSuggesting(true)}
        maxTags={MAX_ITEMS - evidence.files.items.length}
        clearable
        acceptValueOnBlur
        data-testid={testId}
      />
      <FileUploadField uploads={evidence.files} max={evidence.maxFiles} />
      {evidence.files.busy && (
        <Text size="xs" c="dimmed">
          {t('uploads.picker.waiting')}
        </Text>
      )}
    </>
  );
}
