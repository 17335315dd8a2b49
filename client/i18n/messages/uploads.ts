import { defineMessages } from '../define-messages';

// Files: the picker with its progress and refusals, attachments on contacts, a case's evidence.
export const uploads = defineMessages({
  picker: {
    button: ['添加文件', 'Add files'],
    label: ['文件', 'Files'],
    hint: [
      'PNG、JPEG、WebP、GIF 图片，PDF 或纯文本，单个不超过 {{max}}，最多 {{count}} 个',
      'PNG, JPEG, WebP or GIF images, PDF or plain text; up to {{max}} each, at most {{count}} files',
    ],
    uploading: ['上传中 {{percent}}%', 'Uploading {{percent}}%'],
    done: ['已上传 · {{size}}', 'Uploaded · {{size}}'],
    remove: ['移除 {{name}}', 'Remove {{name}}'],
    waiting: ['文件还在上传，完成后即可提交。', 'Files are still uploading; you can submit once they finish.'],
    tooMany: ['最多 {{count}} 个文件，多出的 {{extra}} 个未添加。', 'At most {{count}} files: {{extra}} more were not added.'],
  },
  errors: {
    tooLarge: [
      '“{{name}}”有 {{size}}，超过 {{max}} 的上限。请裁剪截图或压缩后再上传。',
      '“{{name}}” is {{size}}, over the {{max}} limit. Crop the screenshot or compress the file and try again.',
    ],
    type: [
      '“{{name}}”的格式不支持：只接受 PNG、JPEG、WebP、GIF 图片，PDF 和纯文本（.txt）。',
      '“{{name}}” is not a file type we accept: PNG, JPEG, WebP or GIF images, PDF and plain text (.txt) only.',
    ],
    content: [
      '“{{name}}”的内容与文件类型不符（可能改过扩展名），已拒绝。请上传原始文件。',
      '“{{name}}” does not contain what its type says (was it renamed?), so it was refused. Upload the original file.',
    ],
    empty: ['“{{name}}”是空文件。', '“{{name}}” is empty.'],
    name: ['“{{name}}”的文件名无法识别，请重命名后再上传。', 'The name of “{{name}}” could not be read; rename the file and try again.'],
    signedOut: ['登录已失效，请重新登录后再上传。', 'Your session has ended. Sign in again to upload.'],
    forbidden: ['你的角色不能上传文件。', 'Your role may not upload files.'],
    network: [
      '“{{name}}”上传中断（网络问题），请移除后重试。',
      'The upload of “{{name}}” was interrupted (network). Remove it and try again.',
    ],
    failed: ['“{{name}}”上传失败。', 'The upload of “{{name}}” failed.'],
  },
  attachments: {
    label: ['附件', 'Attachments'],
    count_one: ['{{count}} 个附件', 'One attachment'],
    count_other: ['{{count}} 个附件', '{{count}} attachments'],
  },
  evidence: {
    title: ['凭证（{{count}}）', 'Evidence ({{count}})'],
    empty: ['暂无凭证。', 'No evidence on file.'],
    add: ['补充凭证', 'Add evidence'],
    reference: ['说明', 'Reference'],
    file: ['文件', 'File'],
    addedBy: ['{{by}} 添加于 {{at}}', 'added by {{by}} at {{at}}'],
    download: ['下载', 'Download'],
    view: ['查看', 'View'],
    closed: ['工单已结束，不能再补充凭证。', 'The case is decided: no more evidence can be added.'],
    dialog: {
      title: ['补充凭证', 'Add evidence'],
      description: [
        '会员后来提供的截图、流水，或一条说明。只能附加你自己上传的文件。',
        'A screenshot or statement the member sent later, or a written reference. You can attach only files you uploaded yourself.',
      ],
      references: ['说明（可选）', 'References (optional)'],
      referencesHint: [
        '例如：电话中会员口述的交易号；回车添加一条',
        'e.g. the transaction number the member read out on the phone; Enter adds one',
      ],
      submit: ['添加到工单', 'Add to case'],
      nothing: ['请至少添加一条说明或一个文件。', 'Add at least one reference or file.'],
      added_one: ['已为 {{caseNo}} 添加 {{count}} 条凭证', 'Added one evidence item to {{caseNo}}'],
      added_other: ['已为 {{caseNo}} 添加 {{count}} 条凭证', 'Added {{count}} evidence items to {{caseNo}}'],
    },
  },
});
